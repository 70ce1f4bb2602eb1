<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AgentsSection</name>
    <message>
        <source>Deactivated</source>
        <translation>Desativado</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>At least {n} characters</source>
        <translation>Pelo menos {n} caracteres</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repita a senha</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>A senha precisa de pelo menos {n} caracteres.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>As duas senhas são diferentes.</translation>
    </message>
    <message>
        <source>New agent</source>
        <translation>Novo atendente</translation>
    </message>
    <message>
        <source>Edit agent</source>
        <translation>Editar atendente</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sem limite</translation>
    </message>
    <message>
        <source>Most open tickets auto-assignment gives this agent.</source>
        <translation>Máximo de atendimentos abertos que a distribuição automática dá a este atendente.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>No queues yet (Settings → Queues).</source>
        <translation>Nenhuma fila ainda (Configurações → Filas).</translation>
    </message>
    <message>
        <source>Open tickets at once</source>
        <translation>Atendimentos simultâneos</translation>
    </message>
    <message>
        <source>Give the agent a name.</source>
        <translation>Dê um nome ao atendente.</translation>
    </message>
    <message>
        <source>Password of {name}</source>
        <translation>Senha de {name}</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Atendentes</translation>
    </message>
    <message>
        <source>People who answer customers on this desktop. With more than one agent, whatdesk asks who is signing in.</source>
        <translation>Quem atende os clientes neste computador. Com mais de um atendente, o whatdesk pergunta quem está entrando.</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidade</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No agents yet.</source>
        <translation>Nenhum atendente ainda.</translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation>Adicionar atendente</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Redefinir senha</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desativar</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reativar</translation>
    </message>
    <message>
        <source>Choose your own password first: with a second agent, whatdesk asks who is signing in.</source>
        <translation>Escolha primeiro a sua própria senha: com um segundo atendente, o whatdesk pergunta quem está entrando.</translation>
    </message>
    <message>
        <source>The agent signs in with the new password; &quot;remember me&quot; on every computer is forgotten.</source>
        <translation>O atendente entra com a nova senha; o &quot;lembrar de mim&quot; é esquecido em todos os computadores.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself; another administrator can.</source>
        <translation>Você não pode desativar a si mesmo; outro administrador pode.</translation>
    </message>
    <message>
        <source>Deactivate agent</source>
        <translation>Desativar atendente</translation>
    </message>
    <message>
        <source>{name} will no longer be able to sign in or receive tickets. Their tickets and messages stay.</source>
        <translation>{name} não poderá mais entrar nem receber atendimentos. Os atendimentos e mensagens dele continuam.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>whatdesk cannot start</source>
        <translation>O whatdesk não pôde iniciar</translation>
    </message>
    <message>
        <source>The data folder “{path}” cannot be used.</source>
        <translation>A pasta de dados “{path}” não pode ser usada.</translation>
    </message>
    <message>
        <source>Check the data folder and try again. Nothing was changed.</source>
        <translation>Verifique a pasta de dados e tente de novo. Nada foi alterado.</translation>
    </message>
</context>
<context>
    <name>AudioPlayback</name>
    <message>
        <source>This audio could not be played. Use Save as to open it in another program.</source>
        <translation>Não foi possível reproduzir este áudio. Use Salvar como para abri-lo em outro programa.</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Select a conversation on the left to read and answer it.</source>
        <translation>Selecione uma conversa à esquerda para ler e responder.</translation>
    </message>
    <message>
        <source>Go to the newest message</source>
        <translation>Ir para a mensagem mais recente</translation>
    </message>
    <message>
        <source>Saved to contacts: %1</source>
        <translation>Salvo nos contatos: %1</translation>
    </message>
    <message>
        <source>This location has no valid coordinates.</source>
        <translation>Esta localização não tem coordenadas válidas.</translation>
    </message>
    <message>
        <source>The file of this message is not available on this computer.</source>
        <translation>O arquivo desta mensagem não está disponível neste computador.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Salvar como</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Salvo: %1</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reagir</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Remover minha reação</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Apagar para todos</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Em atendimento</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Open map</source>
        <translation>Abrir mapa</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Go to the quoted message</source>
        <translation>Ir para a mensagem citada</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Apagar mensagem</translation>
    </message>
    <message>
        <source>Delete this message for everyone? The customer will see “This message was deleted”.</source>
        <translation>Apagar esta mensagem para todos? O cliente verá “Mensagem apagada”.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Esta mensagem foi apagada</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Unsupported message: open WhatsApp on the phone to see it</source>
        <translation>Mensagem não suportada: abra o WhatsApp no celular para vê-la</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editada</translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation>Não enviada.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Add to contacts</source>
        <translation>Adicionar aos contatos</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opções</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Indisponível</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>Buttons</source>
        <translation>Botões</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Button reply</source>
        <translation>Resposta de botão</translation>
    </message>
    <message>
        <source>List reply</source>
        <translation>Resposta de lista</translation>
    </message>
    <message>
        <source>Unsupported message</source>
        <translation>Mensagem não suportada</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Segunda-feira</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Terça-feira</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Quarta-feira</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Quinta-feira</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Sexta-feira</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>Accepted by %1</source>
        <translation>Aceito por %1</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <source>Transferred to %1 by %2</source>
        <translation>Transferido para %1 por %2</translation>
    </message>
    <message>
        <source>Transferred to %1</source>
        <translation>Transferido para %1</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferido</translation>
    </message>
    <message>
        <source>Closed by %1</source>
        <translation>Encerrado por %1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Reopened by %1</source>
        <translation>Reaberto por %1</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reaberto</translation>
    </message>
    <message>
        <source>Bot handed over the conversation</source>
        <translation>O bot passou a conversa para um atendente</translation>
    </message>
    <message>
        <source>Returned to waiting by %1</source>
        <translation>Devolvido à fila por %1</translation>
    </message>
    <message>
        <source>Returned to waiting</source>
        <translation>Devolvido à fila</translation>
    </message>
    <message>
        <source>Handed back to the bot</source>
        <translation>Devolvido ao bot</translation>
    </message>
    <message>
        <source>Opened by %1</source>
        <translation>Aberto por %1</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Escolha uma cor</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Cancel reply (Esc)</source>
        <translation>Cancelar resposta (Esc)</translation>
    </message>
    <message>
        <source>Remove the attachments</source>
        <translation>Remover os anexos</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Attach files (or drop them, or paste an image)</source>
        <translation>Anexar arquivos (ou arraste-os, ou cole uma imagem)</translation>
    </message>
    <message>
        <source>Quick replies (type /)</source>
        <translation>Respostas rápidas (digite /)</translation>
    </message>
    <message>
        <source>Private note: only agents see it</source>
        <translation>Nota privada: só os atendentes veem</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Assinar</translation>
    </message>
    <message>
        <source>Start my messages with my name</source>
        <translation>Começar minhas mensagens com meu nome</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Enviar (Enter)</translation>
    </message>
    <message>
        <source>This message can no longer be edited.</source>
        <translation>Esta mensagem não pode mais ser editada.</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Editar mensagem</translation>
    </message>
    <message>
        <source>Private notes cannot carry files; remove them or turn the note off.</source>
        <translation>Notas privadas não levam arquivos; remova-os ou desligue a nota.</translation>
    </message>
    <message>
        <source>Not edited: {error}</source>
        <translation>Não editada: {error}</translation>
    </message>
    <message>
        <source>Not sent: {error}</source>
        <translation>Não enviada: {error}</translation>
    </message>
    <message>
        <source>A message was not sent: {error}</source>
        <translation>Uma mensagem não foi enviada: {error}</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Anexar arquivos</translation>
    </message>
    <message>
        <source>Choose a conversation to reply.</source>
        <translation>Escolha uma conversa para responder.</translation>
    </message>
    <message>
        <source>Accept to reply</source>
        <translation>Aceite para responder</translation>
    </message>
    <message>
        <source>This conversation is closed. Reopen it to reply.</source>
        <translation>Esta conversa está encerrada. Reabra-a para responder.</translation>
    </message>
    <message>
        <source>Private note (only agents see it)</source>
        <translation>Nota privada (só os atendentes veem)</translation>
    </message>
    <message>
        <source>Type a message or / for quick replies</source>
        <translation>Digite uma mensagem ou / para respostas rápidas</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): {names} — the text is the caption</source>
        <translation>
            <numerusform>%n arquivo: {names} — o texto vai como legenda</numerusform>
            <numerusform>%n arquivos: {names} — o texto vai como legenda</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Monday</source>
        <translation>Segunda-feira</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Terça-feira</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Quarta-feira</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Quinta-feira</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Sexta-feira</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Nova conexão</translation>
    </message>
    <message>
        <source>Edit connection</source>
        <translation>Editar conexão</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Horário de atendimento</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>e.g. Sales, Support, Store downtown</source>
        <translation>ex.: Vendas, Suporte, Loja Centro</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Test sandbox</source>
        <translation>Sandbox de testes</translation>
    </message>
    <message>
        <source>The channel cannot be changed after the connection is created.</source>
        <translation>O canal não pode ser mudado depois que a conexão é criada.</translation>
    </message>
    <message>
        <source>Default connection (used to start new conversations)</source>
        <translation>Conexão padrão (usada para iniciar novas conversas)</translation>
    </message>
    <message>
        <source> messages/min</source>
        <translation> mensagens/min</translation>
    </message>
    <message>
        <source>Most messages sent to one contact per minute</source>
        <translation>Máximo de mensagens enviadas a um contato por minuto</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Shortest pause between two messages of this connection</source>
        <translation>Menor pausa entre duas mensagens desta conexão</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Limit per contact</source>
        <translation>Limite por contato</translation>
    </message>
    <message>
        <source>Minimum gap</source>
        <translation>Intervalo mínimo</translation>
    </message>
    <message>
        <source>Sending too fast can get a number blocked by WhatsApp. Messages above these limits wait in the queue; none are lost.</source>
        <translation>Enviar rápido demais pode fazer o WhatsApp bloquear o número. Mensagens acima destes limites esperam na fila; nenhuma se perde.</translation>
    </message>
    <message>
        <source>Welcome flow</source>
        <translation>Fluxo de boas-vindas</translation>
    </message>
    <message>
        <source>Sent when a customer starts a conversation (optional)</source>
        <translation>Enviada quando um cliente inicia uma conversa (opcional)</translation>
    </message>
    <message>
        <source>Sent when a ticket is closed (optional)</source>
        <translation>Enviada quando um atendimento é encerrado (opcional)</translation>
    </message>
    <message>
        <source>Sent outside business hours (optional)</source>
        <translation>Enviada fora do horário de atendimento (opcional)</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Saudação</translation>
    </message>
    <message>
        <source>Farewell</source>
        <translation>Despedida</translation>
    </message>
    <message>
        <source>Out of hours</source>
        <translation>Fora do horário</translation>
    </message>
    <message>
        <source>Only attend during business hours</source>
        <translation>Atender somente no horário de atendimento</translation>
    </message>
    <message>
        <source>Unchecked: the connection attends at any time</source>
        <translation>Desmarcado: a conexão atende a qualquer hora</translation>
    </message>
    <message>
        <source>Timezone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>None: send the greeting and wait for an agent</source>
        <translation>Nenhum: enviar a saudação e aguardar um atendente</translation>
    </message>
    <message>
        <source>(flow not published)</source>
        <translation>(fluxo não publicado)</translation>
    </message>
    <message>
        <source>The chatbot flow every new conversation starts (keyword triggers of other flows come first). Only published flows are listed.</source>
        <translation>O fluxo de chatbot que toda nova conversa inicia (gatilhos por palavra-chave de outros fluxos vêm antes). Só fluxos publicados aparecem aqui.</translation>
    </message>
    <message>
        <source>No chatbot flow is published yet. Until there is one, new conversations get the greeting below and wait for an agent.</source>
        <translation>Nenhum fluxo de chatbot foi publicado ainda. Enquanto não houver um, as novas conversas recebem a saudação abaixo e aguardam um atendente.</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>Dê um nome à conexão.</translation>
    </message>
    <message>
        <source>Unknown timezone. Pick one from the list, e.g. America/Sao_Paulo.</source>
        <translation>Fuso horário desconhecido. Escolha um da lista, ex.: America/Sao_Paulo.</translation>
    </message>
    <message>
        <source>Closing time must be after opening time.</source>
        <translation>O fechamento deve ser depois da abertura.</translation>
    </message>
    <message>
        <source>Open at least one day, or uncheck business hours.</source>
        <translation>Abra pelo menos um dia ou desmarque o horário de atendimento.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Waiting for the QR code to be scanned</source>
        <translation>Aguardando leitura do QR</translation>
    </message>
    <message>
        <source>Waiting for the pairing code on the phone</source>
        <translation>Aguardando o código de pareamento no celular</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>The code expired — link again</source>
        <translation>O código expirou — vincule de novo</translation>
    </message>
    <message>
        <source>No internet</source>
        <translation>Sem internet</translation>
    </message>
    <message>
        <source>WhatsApp unreachable</source>
        <translation>WhatsApp inacessível</translation>
    </message>
    <message>
        <source>{head} — trying again now</source>
        <translation>{head} — tentando de novo agora</translation>
    </message>
    <message>
        <source>{head} — retrying in {seconds} s</source>
        <translation>{head} — nova tentativa em {seconds} s</translation>
    </message>
    <message>
        <source>Logged out — link again</source>
        <translation>Conta desconectada — vincule de novo</translation>
    </message>
    <message>
        <source>Unlinked on the phone</source>
        <translation>Desvinculado pelo celular</translation>
    </message>
    <message>
        <source>Not linked yet</source>
        <translation>Ainda não vinculada</translation>
    </message>
    <message>
        <source>No connections yet — add one under Connections</source>
        <translation>Nenhuma conexão ainda — adicione uma em Conexões</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 conexão</translation>
    </message>
    <message>
        <source>{n} connections</source>
        <translation>{n} conexões</translation>
    </message>
    <message>
        <source>1 connected</source>
        <translation>1 conectada</translation>
    </message>
    <message>
        <source>{n} connected</source>
        <translation>{n} conectada(s)</translation>
    </message>
    <message>
        <source>1 waiting for QR</source>
        <translation>1 aguardando QR</translation>
    </message>
    <message>
        <source>{n} waiting for QR</source>
        <translation>{n} aguardando QR</translation>
    </message>
    <message>
        <source>1 reconnecting</source>
        <translation>1 reconectando</translation>
    </message>
    <message>
        <source>{n} reconnecting</source>
        <translation>{n} reconectando</translation>
    </message>
    <message>
        <source>1 needs a new link</source>
        <translation>1 precisa ser vinculada de novo</translation>
    </message>
    <message>
        <source>{n} need a new link</source>
        <translation>{n} precisa(m) ser vinculada(s) de novo</translation>
    </message>
    <message>
        <source>1 not linked yet</source>
        <translation>1 ainda não vinculada</translation>
    </message>
    <message>
        <source>{n} not linked yet</source>
        <translation>{n} ainda não vinculadas</translation>
    </message>
    <message>
        <source>1 stopped</source>
        <translation>1 parada</translation>
    </message>
    <message>
        <source>{n} stopped</source>
        <translation>{n} parada(s)</translation>
    </message>
    <message>
        <source>{head}: {parts}</source>
        <translation>{head}: {parts}</translation>
    </message>
    <message>
        <source>Test sandbox</source>
        <translation>Sandbox de testes</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>WhatsApp accounts this computer serves. Link each one by scanning a QR code with the phone.</source>
        <translation>Contas de WhatsApp atendidas neste computador. Vincule cada uma lendo um QR code com o celular.</translation>
    </message>
    <message>
        <source>No connections yet.
Click “Add connection” to link a WhatsApp account.</source>
        <translation>Nenhuma conexão ainda.
Clique em “Adicionar conexão” para vincular uma conta de WhatsApp.</translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Adicionar conexão</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Link by QR code</source>
        <translation>Vincular por QR</translation>
    </message>
    <message>
        <source>Link by phone number</source>
        <translation>Vincular por número</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconectar</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Sair da conta</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Unlink this computer from the WhatsApp account</source>
        <translation>Desvincular este computador da conta de WhatsApp</translation>
    </message>
    <message>
        <source>Stop this connection until you reconnect it</source>
        <translation>Parar esta conexão até você reconectá-la</translation>
    </message>
    <message>
        <source>Connection “{name}” created. Link it to start serving customers.</source>
        <translation>Conexão “{name}” criada. Vincule-a para começar a atender.</translation>
    </message>
    <message>
        <source>Connection “{name}” saved.</source>
        <translation>Conexão “{name}” salva.</translation>
    </message>
    <message>
        <source>“{name}” is connected.</source>
        <translation>“{name}” está conectada.</translation>
    </message>
    <message>
        <source>Log out “{name}” from WhatsApp? You will need to scan a new QR code to use it again.</source>
        <translation>Sair da conta “{name}” no WhatsApp? Para usá-la de novo será preciso ler um novo QR code.</translation>
    </message>
    <message>
        <source>Connection “{name}” deleted, but WhatsApp could not be reached to unlink it: on the phone, open Linked devices and remove this computer.</source>
        <translation>Conexão “{name}” excluída, mas não foi possível falar com o WhatsApp para desvinculá-la: no celular, abra Aparelhos conectados e remova este computador.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Excluir conexão</translation>
    </message>
    <message>
        <source>Delete the connection “{name}”? It will be disconnected and removed from this computer.</source>
        <translation>Excluir a conexão “{name}”? Ela será desconectada e removida deste computador.</translation>
    </message>
    <message>
        <source>Also delete its conversations</source>
        <translation>Apagar também as conversas</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Connection “{name}” deleted.</source>
        <translation>Conexão “{name}” excluída.</translation>
    </message>
</context>
<context>
    <name>ContactPanel</name>
    <message>
        <source>With the bot</source>
        <translation>Com o robô</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Em atendimento</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Click to edit</source>
        <translation>Clique para editar</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Remover etiqueta</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Remover campo</translation>
    </message>
    <message>
        <source>Add a value</source>
        <translation>Adicionar um valor</translation>
    </message>
    <message>
        <source>this conversation</source>
        <translation>esta conversa</translation>
    </message>
    <message>
        <source>Hide contact info</source>
        <translation>Ocultar dados do contato</translation>
    </message>
    <message>
        <source>Contact info</source>
        <translation>Dados do contato</translation>
    </message>
    <message>
        <source>Add a name</source>
        <translation>Adicionar um nome</translation>
    </message>
    <message>
        <source>Blocked in whatdesk: messages are kept, no notifications</source>
        <translation>Bloqueado no whatdesk: as mensagens são guardadas, sem notificações</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Add an e-mail</source>
        <translation>Adicionar um e-mail</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>+ Add field</source>
        <translation>+ Adicionar campo</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Add a tag…</source>
        <translation>Adicionar etiqueta…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Notes about this customer, seen by every agent</source>
        <translation>Notas sobre este cliente, visíveis para todos os atendentes</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Blocking is kept in whatdesk only: WhatsApp is not told, the customer can still write and their messages are stored, but they raise no notification.</source>
        <translation>O bloqueio vale só no whatdesk: o WhatsApp não é avisado, o cliente ainda pode escrever e as mensagens dele são guardadas, mas não geram notificação.</translation>
    </message>
    <message>
        <source>Open a conversation to see who the customer is: number, e-mail, tags, notes and earlier conversations.</source>
        <translation>Abra uma conversa para ver quem é o cliente: número, e-mail, etiquetas, notas e conversas anteriores.</translation>
    </message>
    <message>
        <source>Unblock {name}</source>
        <translation>Desbloquear {name}</translation>
    </message>
    <message>
        <source>Block {name}</source>
        <translation>Bloquear {name}</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>Nenhuma conversa ainda</translation>
    </message>
    <message>
        <source>no agent</source>
        <translation>sem atendente</translation>
    </message>
    <message>
        <source>(no messages)</source>
        <translation>(sem mensagens)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>(message deleted)</source>
        <translation>(mensagem apagada)</translation>
    </message>
    <message>
        <source>There is already a field “{name}”.</source>
        <translation>Já existe um campo “{name}”.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo</translation>
    </message>
</context>
<context>
    <name>DetailsExpander</name>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <source>Search emoji</source>
        <translation>Buscar emoji</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>InboxShortcuts</name>
    <message>
        <source>Previous conversation</source>
        <translation>Conversa anterior</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Próxima conversa</translation>
    </message>
    <message>
        <source>Search messages and contacts</source>
        <translation>Pesquisar mensagens e contatos</translation>
    </message>
    <message>
        <source>Close the conversation</source>
        <translation>Encerrar a conversa</translation>
    </message>
    <message>
        <source>Close the conversation and open the next one</source>
        <translation>Encerrar a conversa e abrir a próxima</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Anexar um arquivo</translation>
    </message>
    <message>
        <source>Show the keyboard shortcuts</source>
        <translation>Mostrar os atalhos de teclado</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar a mensagem</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>Nova linha na mensagem</translation>
    </message>
    <message>
        <source>Cancel the reply being quoted, or leave the search</source>
        <translation>Cancelar a resposta citada ou sair da pesquisa</translation>
    </message>
    <message>
        <source>In the search field: go to the results / open the first one</source>
        <translation>No campo de pesquisa: ir para os resultados / abrir o primeiro</translation>
    </message>
    <message>
        <source>Open the user guide</source>
        <translation>Abrir o guia do usuário</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to whatdesk</source>
        <translation>Entrar no whatdesk</translation>
    </message>
    <message>
        <source>Who is signing in?</source>
        <translation>Quem está entrando?</translation>
    </message>
    <message>
        <source>Several agents work on this desktop.</source>
        <translation>Vários atendentes usam este computador.</translation>
    </message>
    <message>
        <source>ana@example.com or Ana</source>
        <translation>ana@exemplo.com ou Ana</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Lembrar de mim neste computador</translation>
    </message>
    <message>
        <source>Not available: this system has no keyring to keep the sign-in token safely ({reason}).</source>
        <translation>Indisponível: este sistema não tem um chaveiro para guardar o código de acesso com segurança ({reason}).</translation>
    </message>
    <message>
        <source>Keeps a sign-in token (never your password) in the system keyring.</source>
        <translation>Guarda um código de acesso (nunca a sua senha) no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>E-mail or name</source>
        <translation>E-mail ou nome</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Type your e-mail or name and your password.</source>
        <translation>Digite seu e-mail ou nome e sua senha.</translation>
    </message>
    <message>
        <source>Wrong e-mail, name or password.</source>
        <translation>E-mail, nome ou senha incorretos.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Coming soon</source>
        <translation>Em breve</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Atendimentos</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Fluxos</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Agents, queues, quick replies and tags</source>
        <translation>Atendentes, filas, respostas rápidas e etiquetas</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guia do usuário</translation>
    </message>
    <message>
        <source>&amp;About whatdesk</source>
        <translation>&amp;Sobre o whatdesk</translation>
    </message>
    <message>
        <source>&amp;Switch agent…</source>
        <translation>&amp;Trocar de atendente…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Sair da conta</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>The user guide was not found in this installation.</source>
        <translation>O guia do usuário não foi encontrado nesta instalação.</translation>
    </message>
    <message>
        <source>No program could open the user guide ({path}).</source>
        <translation>Nenhum programa conseguiu abrir o guia do usuário ({path}).</translation>
    </message>
    <message>
        <source>About whatdesk</source>
        <translation>Sobre o whatdesk</translation>
    </message>
    <message>
        <source>Serve your WhatsApp customers from one PC: connections, tickets and chatbot flows, all on this computer.</source>
        <translation>Atenda seus clientes do WhatsApp a partir de um PC: conexões, tickets e fluxos de chatbot, tudo neste computador.</translation>
    </message>
    <message>
        <source>1 waiting</source>
        <translation>1 aguardando</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} aguardando</translation>
    </message>
    <message>
        <source>1 unread message</source>
        <translation>1 mensagem não lida</translation>
    </message>
    <message>
        <source>{n} unread messages</source>
        <translation>{n} mensagens não lidas</translation>
    </message>
    <message>
        <source>Show whatdesk</source>
        <translation>Mostrar o whatdesk</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>whatdesk — nothing waiting</source>
        <translation>whatdesk — nada aguardando</translation>
    </message>
    <message>
        <source>whatdesk — {unread} unread, {waiting} waiting</source>
        <translation>whatdesk — {unread} não lidas, {waiting} aguardando</translation>
    </message>
    <message>
        <source>whatdesk</source>
        <translation>whatdesk</translation>
    </message>
</context>
<context>
    <name>NewConversationDialog</name>
    <message>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <source>e.g. (11) 98765-4321 or +351 912 345 678</source>
        <translation>ex.: (11) 98765-4321 ou +351 912 345 678</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de telefone</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Enviar pela conexão</translation>
    </message>
    <message>
        <source>Start conversation</source>
        <translation>Iniciar conversa</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Este não é um número de telefone válido.</translation>
    </message>
    <message>
        <source>Create a connection first.</source>
        <translation>Crie uma conexão primeiro.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>&amp;Silenciar notificações</translation>
    </message>
    <message>
        <source>New conversation waiting</source>
        <translation>Nova conversa aguardando</translation>
    </message>
    <message>
        <source>{n} new notifications</source>
        <translation>{n} novas notificações</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
</context>
<context>
    <name>PairingCodeDialog</name>
    <message>
        <source>Link “{name}” with a phone number</source>
        <translation>Vincular “{name}” com o número de telefone</translation>
    </message>
    <message>
        <source>Type the number of the WhatsApp account to link, with the area code (e.g. +55 11 91234-5678).</source>
        <translation>Digite o número da conta de WhatsApp a vincular, com DDD (ex.: +55 11 91234-5678).</translation>
    </message>
    <message>
        <source>Get code</source>
        <translation>Gerar código</translation>
    </message>
    <message>
        <source>On the phone open &lt;b&gt;WhatsApp › Linked devices › Link a device › Link with phone number instead&lt;/b&gt; and type this code.</source>
        <translation>No celular, abra &lt;b&gt;WhatsApp › Aparelhos conectados › Conectar um aparelho › Conectar com número de telefone&lt;/b&gt; e digite este código.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>This does not look like a valid phone number. Include the area code, e.g. +55 11 91234-5678.</source>
        <translation>Este número de telefone não parece válido. Inclua o DDD, ex.: +55 11 91234-5678.</translation>
    </message>
    <message>
        <source>Asking WhatsApp for a code…</source>
        <translation>Pedindo um código ao WhatsApp…</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Novo código</translation>
    </message>
    <message>
        <source>Waiting for the code to be typed on the phone…</source>
        <translation>Aguardando o código ser digitado no celular…</translation>
    </message>
    <message>
        <source>Connected! WhatsApp is linked.</source>
        <translation>Conectado! O WhatsApp está vinculado.</translation>
    </message>
    <message>
        <source>The code was not used in time. Ask for a new one.</source>
        <translation>O código não foi usado a tempo. Peça um novo.</translation>
    </message>
</context>
<context>
    <name>QrDialog</name>
    <message>
        <source>Link “{name}” by QR code</source>
        <translation>Vincular “{name}” por QR code</translation>
    </message>
    <message>
        <source>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;Open &lt;b&gt;WhatsApp&lt;/b&gt; on the phone you want to link.&lt;/li&gt;&lt;li&gt;Tap &lt;b&gt;⋮ Menu&lt;/b&gt; (Android) or &lt;b&gt;Settings&lt;/b&gt; (iPhone), then &lt;b&gt;Linked devices&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Tap &lt;b&gt;Link a device&lt;/b&gt; and point the phone at this code.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;Abra o &lt;b&gt;WhatsApp&lt;/b&gt; no celular que você quer vincular.&lt;/li&gt;&lt;li&gt;Toque em &lt;b&gt;⋮ Mais opções&lt;/b&gt; (Android) ou &lt;b&gt;Configurações&lt;/b&gt; (iPhone) e depois em &lt;b&gt;Aparelhos conectados&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Toque em &lt;b&gt;Conectar um aparelho&lt;/b&gt; e aponte o celular para este código.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Generating the code…</source>
        <translation>Gerando o código…</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>Tentar agora</translation>
    </message>
    <message>
        <source>Generate new code</source>
        <translation>Gerar novo código</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Code read — finishing the link…</source>
        <translation>Código lido — concluindo a vinculação…</translation>
    </message>
    <message>
        <source>Linking was stopped.</source>
        <translation>A vinculação foi interrompida.</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Tentando de novo…</translation>
    </message>
    <message>
        <source>Trying again in {seconds} s.</source>
        <translation>Nova tentativa em {seconds} s.</translation>
    </message>
    <message>
        <source>The code expires in {seconds} s</source>
        <translation>O código expira em {seconds} s</translation>
    </message>
    <message>
        <source>Waiting for a new code…</source>
        <translation>Aguardando um novo código…</translation>
    </message>
    <message>
        <source>Code expired</source>
        <translation>Código expirado</translation>
    </message>
    <message>
        <source>Connected! WhatsApp is linked.</source>
        <translation>Conectado! O WhatsApp está vinculado.</translation>
    </message>
</context>
<context>
    <name>QueuesSection</name>
    <message>
        <source>New queue</source>
        <translation>Nova fila</translation>
    </message>
    <message>
        <source>Edit queue</source>
        <translation>Editar fila</translation>
    </message>
    <message>
        <source>Sales, Support…</source>
        <translation>Vendas, Suporte…</translation>
    </message>
    <message>
        <source>Sent when a ticket enters this queue (optional)</source>
        <translation>Enviada quando um atendimento entra nesta fila (opcional)</translation>
    </message>
    <message>
        <source>Assign new waiting tickets automatically</source>
        <translation>Distribuir automaticamente os novos atendimentos em espera</translation>
    </message>
    <message>
        <source>A ticket that starts waiting here goes to the online agent of this queue with the fewest open tickets, within their capacity.</source>
        <translation>Um atendimento que entra em espera aqui vai para o atendente online desta fila com menos atendimentos abertos, dentro da capacidade dele.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Saudação</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Atendentes</translation>
    </message>
    <message>
        <source>Without online agents with room, tickets wait in the queue.</source>
        <translation>Sem atendentes online com vaga, os atendimentos esperam na fila.</translation>
    </message>
    <message>
        <source>Give the queue a name.</source>
        <translation>Dê um nome à fila.</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Waiting tickets line up in queues (Sales, Support…); a queue&apos;s agents see and accept them.</source>
        <translation>Os atendimentos em espera ficam em filas (Vendas, Suporte…); os atendentes da fila os veem e aceitam.</translation>
    </message>
    <message>
        <source>Auto-assignment</source>
        <translation>Distribuição automática</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ligada</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligada</translation>
    </message>
    <message>
        <source>No queues yet. Queues route waiting tickets to the right agents.</source>
        <translation>Nenhuma fila ainda. As filas levam os atendimentos em espera aos atendentes certos.</translation>
    </message>
    <message>
        <source>Add queue</source>
        <translation>Adicionar fila</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Delete queue</source>
        <translation>Excluir fila</translation>
    </message>
    <message>
        <source>Delete the queue “{name}”? Its tickets stay, without a queue.</source>
        <translation>Excluir a fila “{name}”? Os atendimentos dela continuam, sem fila.</translation>
    </message>
</context>
<context>
    <name>QuickRepliesSection</name>
    <message>
        <source>New quick reply</source>
        <translation>Nova resposta rápida</translation>
    </message>
    <message>
        <source>Edit quick reply</source>
        <translation>Editar resposta rápida</translation>
    </message>
    <message>
        <source>{{greeting}}, {{contact.first_name}}! How can I help?</source>
        <translation>{{greeting}}, {{contact.first_name}}! Como posso ajudar?</translation>
    </message>
    <message>
        <source>Variables: {names}</source>
        <translation>Variáveis: {names}</translation>
    </message>
    <message>
        <source>Every agent</source>
        <translation>Todos os atendentes</translation>
    </message>
    <message>
        <source>Only {name}</source>
        <translation>Só {name}</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Escolher arquivo…</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Remover arquivo</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atalho</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Who can use it</source>
        <translation>Quem pode usar</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Nenhum arquivo</translation>
    </message>
    <message>
        <source>Choose a file to send with this reply</source>
        <translation>Escolha um arquivo para enviar com esta resposta</translation>
    </message>
    <message>
        <source>Type a shortcut, like /hello.</source>
        <translation>Digite um atalho, como /ola.</translation>
    </message>
    <message>
        <source>Write the reply&apos;s text or choose a file.</source>
        <translation>Escreva o texto da resposta ou escolha um arquivo.</translation>
    </message>
    <message>
        <source>A {{variable}} in the text is not closed or has an invalid name.</source>
        <translation>Uma {{variável}} no texto não foi fechada ou tem um nome inválido.</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>Respostas rápidas</translation>
    </message>
    <message>
        <source>Answers agents insert by typing “/” and the shortcut in the chat.</source>
        <translation>Respostas que os atendentes inserem digitando “/” e o atalho no chat.</translation>
    </message>
    <message>
        <source>No quick replies yet. Save the answers you type every day.</source>
        <translation>Nenhuma resposta rápida ainda. Salve as respostas que você digita todo dia.</translation>
    </message>
    <message>
        <source>Add quick reply</source>
        <translation>Adicionar resposta rápida</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Delete quick reply</source>
        <translation>Excluir resposta rápida</translation>
    </message>
    <message>
        <source>Delete the quick reply /{shortcut}?</source>
        <translation>Excluir a resposta rápida /{shortcut}?</translation>
    </message>
</context>
<context>
    <name>QuickReplyDelegate</name>
    <message>
        <source>personal</source>
        <translation>pessoal</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(arquivo)</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo deu errado.</translation>
    </message>
    <message>
        <source>This computer is not connected to the internet.</source>
        <translation>Este computador não está conectado à internet.</translation>
    </message>
    <message>
        <source>WhatsApp could not be reached.</source>
        <translation>Não foi possível alcançar o WhatsApp.</translation>
    </message>
    <message>
        <source>A secure connection to WhatsApp could not be made.</source>
        <translation>Não foi possível abrir uma conexão segura com o WhatsApp.</translation>
    </message>
    <message>
        <source>The connection to WhatsApp was lost.</source>
        <translation>A conexão com o WhatsApp caiu.</translation>
    </message>
    <message>
        <source>WhatsApp stopped responding.</source>
        <translation>O WhatsApp parou de responder.</translation>
    </message>
    <message>
        <source>WhatsApp refused the connection.</source>
        <translation>O WhatsApp recusou a conexão.</translation>
    </message>
    <message>
        <source>WhatsApp is not available right now.</source>
        <translation>O WhatsApp está fora do ar no momento.</translation>
    </message>
    <message>
        <source>Connecting to WhatsApp…</source>
        <translation>Conectando ao WhatsApp…</translation>
    </message>
    <message>
        <source>Trying to connect again…</source>
        <translation>Tentando conectar de novo…</translation>
    </message>
    <message>
        <source>Disconnected by you.</source>
        <translation>Desconectado por você.</translation>
    </message>
    <message>
        <source>Reconnecting, as you asked.</source>
        <translation>Reconectando, como você pediu.</translation>
    </message>
    <message>
        <source>Not linked to a phone yet.</source>
        <translation>Ainda não vinculado a um celular.</translation>
    </message>
    <message>
        <source>Waiting for the QR code to be scanned.</source>
        <translation>Aguardando a leitura do QR code.</translation>
    </message>
    <message>
        <source>Waiting for the code to be typed on the phone.</source>
        <translation>Aguardando o código ser digitado no celular.</translation>
    </message>
    <message>
        <source>Code accepted — finishing the link.</source>
        <translation>Código aceito — concluindo a vinculação.</translation>
    </message>
    <message>
        <source>Nobody scanned the code in time.</source>
        <translation>Ninguém leu o código a tempo.</translation>
    </message>
    <message>
        <source>You logged this connection out.</source>
        <translation>Você desconectou esta conta.</translation>
    </message>
    <message>
        <source>This computer was unlinked on the phone.</source>
        <translation>Este computador foi desvinculado pelo celular.</translation>
    </message>
    <message>
        <source>This WhatsApp account was opened on another computer or app.</source>
        <translation>Esta conta do WhatsApp foi aberta em outro computador ou aplicativo.</translation>
    </message>
    <message>
        <source>WhatsApp has temporarily blocked this number.</source>
        <translation>O WhatsApp bloqueou este número temporariamente.</translation>
    </message>
    <message>
        <source>This version of whatdesk is too old for WhatsApp.</source>
        <translation>Esta versão do whatdesk está desatualizada para o WhatsApp.</translation>
    </message>
    <message>
        <source>The phone could not finish linking.</source>
        <translation>O celular não conseguiu concluir a vinculação.</translation>
    </message>
    <message>
        <source>WhatsApp did not give a code for this number.</source>
        <translation>O WhatsApp não forneceu um código para este número.</translation>
    </message>
    <message>
        <source>WhatsApp is not ready to give a code yet.</source>
        <translation>O WhatsApp ainda não está pronto para gerar um código.</translation>
    </message>
    <message>
        <source>This connection is already linked to a phone.</source>
        <translation>Esta conexão já está vinculada a um celular.</translation>
    </message>
    <message>
        <source>This number does not belong to this connection.</source>
        <translation>Este número não é o desta conexão.</translation>
    </message>
    <message>
        <source>The connections have not started yet.</source>
        <translation>As conexões ainda não foram iniciadas.</translation>
    </message>
    <message>
        <source>The saved WhatsApp session is damaged.</source>
        <translation>A sessão salva do WhatsApp está danificada.</translation>
    </message>
    <message>
        <source>whatdesk could not save its data.</source>
        <translation>O whatdesk não conseguiu salvar seus dados.</translation>
    </message>
    <message>
        <source>Received messages could not be saved, so this connection was stopped.</source>
        <translation>Não foi possível salvar as mensagens recebidas, por isso esta conexão foi parada.</translation>
    </message>
    <message>
        <source>WhatsApp could not be told to unlink this computer.</source>
        <translation>Não foi possível avisar o WhatsApp para desvincular este computador.</translation>
    </message>
    <message>
        <source>The data folder cannot be used.</source>
        <translation>A pasta de dados não pode ser usada.</translation>
    </message>
    <message>
        <source>The database cannot be opened or written.</source>
        <translation>Não é possível abrir ou gravar o banco de dados.</translation>
    </message>
    <message>
        <source>Another connection already has this name.</source>
        <translation>Já existe outra conexão com este nome.</translation>
    </message>
    <message>
        <source>Some of the values are not valid.</source>
        <translation>Alguns valores não são válidos.</translation>
    </message>
    <message>
        <source>whatdesk tries again by itself.</source>
        <translation>O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, send the details below to support.</source>
        <translation>Tente de novo. Se continuar acontecendo, envie os detalhes abaixo ao suporte.</translation>
    </message>
    <message>
        <source>Check the cable or Wi-Fi. whatdesk tries again by itself.</source>
        <translation>Verifique o cabo ou o Wi-Fi. O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>The internet may be down or slow, or a firewall may be blocking WhatsApp. whatdesk tries again by itself.</source>
        <translation>A internet pode estar fora do ar ou lenta, ou um firewall pode estar bloqueando o WhatsApp. O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>Check that this computer&apos;s date and time are right. A proxy or antivirus may be intercepting the connection.</source>
        <translation>Confira se a data e a hora deste computador estão certas. Um proxy ou antivírus pode estar interceptando a conexão.</translation>
    </message>
    <message>
        <source>Link the connection again. If it keeps happening, remove this computer under Linked devices on the phone first.</source>
        <translation>Vincule a conexão de novo. Se continuar acontecendo, remova antes este computador em Aparelhos conectados, no celular.</translation>
    </message>
    <message>
        <source>Choose “Link by QR code” or “Link by phone number”.</source>
        <translation>Escolha “Vincular por QR” ou “Vincular por número”.</translation>
    </message>
    <message>
        <source>Ask for a new code when the phone is at hand.</source>
        <translation>Peça um novo código quando estiver com o celular em mãos.</translation>
    </message>
    <message>
        <source>Link it again to use it.</source>
        <translation>Vincule-a de novo para usá-la.</translation>
    </message>
    <message>
        <source>Close WhatsApp there, then reconnect here.</source>
        <translation>Feche o WhatsApp lá e depois reconecte aqui.</translation>
    </message>
    <message>
        <source>Wait until the block ends (see the details), then reconnect.</source>
        <translation>Aguarde o fim do bloqueio (veja os detalhes) e depois reconecte.</translation>
    </message>
    <message>
        <source>Install the latest version of whatdesk.</source>
        <translation>Instale a versão mais recente do whatdesk.</translation>
    </message>
    <message>
        <source>Try again with a new code.</source>
        <translation>Tente de novo com um novo código.</translation>
    </message>
    <message>
        <source>Check the number, with country and area code, or link by QR code.</source>
        <translation>Confira o número, com código do país e DDD, ou vincule por QR.</translation>
    </message>
    <message>
        <source>Wait a few seconds and ask again.</source>
        <translation>Aguarde alguns segundos e peça de novo.</translation>
    </message>
    <message>
        <source>Log it out first to link another number.</source>
        <translation>Desconecte a conta antes de vincular outro número.</translation>
    </message>
    <message>
        <source>Type the number of the WhatsApp account you are linking.</source>
        <translation>Digite o número da conta do WhatsApp que você está vinculando.</translation>
    </message>
    <message>
        <source>Wait a moment and try again.</source>
        <translation>Aguarde um instante e tente de novo.</translation>
    </message>
    <message>
        <source>Log the connection out and link it again.</source>
        <translation>Desconecte a conta e vincule-a de novo.</translation>
    </message>
    <message>
        <source>Check that the disk is not full and that the data folder can be written.</source>
        <translation>Verifique se o disco não está cheio e se a pasta de dados permite gravação.</translation>
    </message>
    <message>
        <source>Nothing is lost: WhatsApp keeps the messages. Free disk space or check the database; whatdesk reconnects by itself once saving works again.</source>
        <translation>Nada se perde: o WhatsApp guarda as mensagens. Libere espaço em disco ou verifique o banco de dados; o whatdesk reconecta sozinho assim que voltar a salvar.</translation>
    </message>
    <message>
        <source>The session was kept. Check the internet and log out again, or remove this computer under Linked devices on the phone.</source>
        <translation>A sessão foi mantida. Verifique a internet e desconecte de novo, ou remova este computador em Aparelhos conectados no celular.</translation>
    </message>
    <message>
        <source>Choose another folder with --data-dir or WHATDESK_DATA_DIR.</source>
        <translation>Escolha outra pasta com --data-dir ou WHATDESK_DATA_DIR.</translation>
    </message>
    <message>
        <source>Check the data folder or the database server and try again. Nothing was changed.</source>
        <translation>Verifique a pasta de dados ou o servidor do banco de dados e tente de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Escolha outro nome.</translation>
    </message>
    <message>
        <source>Check the values and try again.</source>
        <translation>Confira os valores e tente de novo.</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Note: </source>
        <translation>Nota: </translation>
    </message>
    <message>
        <source>You: </source>
        <translation>Você: </translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Search messages and contacts</source>
        <translation>Pesquisar mensagens e contatos</translation>
    </message>
    <message>
        <source>The search failed: {reason}</source>
        <translation>A pesquisa falhou: {reason}</translation>
    </message>
    <message>
        <source>Type a word, a name or part of a phone number. Accents and capitals do not matter; put a phrase in quotes to find it exactly.</source>
        <translation>Digite uma palavra, um nome ou parte de um número de telefone. Acentos e maiúsculas não fazem diferença; coloque uma frase entre aspas para encontrá-la exatamente.</translation>
    </message>
    <message>
        <source>No results for “{query}”</source>
        <translation>Nenhum resultado para “{query}”</translation>
    </message>
    <message>
        <source>Check the spelling or try fewer words.</source>
        <translation>Confira a ortografia ou tente menos palavras.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Agents</source>
        <translation>Atendentes</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>Respostas rápidas</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
</context>
<context>
    <name>TagsSection</name>
    <message>
        <source>New tag</source>
        <translation>Nova etiqueta</translation>
    </message>
    <message>
        <source>Edit tag</source>
        <translation>Editar etiqueta</translation>
    </message>
    <message>
        <source>VIP, Lead, Complaint…</source>
        <translation>VIP, Lead, Reclamação…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Give the tag a name.</source>
        <translation>Dê um nome à etiqueta.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Labels agents put on contacts to find and filter them (VIP, Lead…).</source>
        <translation>Marcadores que os atendentes põem nos contatos para encontrá-los e filtrá-los (VIP, Lead…).</translation>
    </message>
    <message>
        <source>No tags yet. Tags help agents sort contacts.</source>
        <translation>Nenhuma etiqueta ainda. As etiquetas ajudam a organizar os contatos.</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Adicionar etiqueta</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Excluir etiqueta</translation>
    </message>
    <message>
        <source>Delete the tag “{name}”? It comes off every contact.</source>
        <translation>Excluir a etiqueta “{name}”? Ela sai de todos os contatos.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Unexpected error: {error}. Details were written to the log.</source>
        <translation>Erro inesperado: {error}. Os detalhes foram gravados no log.</translation>
    </message>
</context>
<context>
    <name>TicketHeader</name>
    <message>
        <source>Accept</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <source>Take this conversation and reply</source>
        <translation>Assumir esta conversa e responder</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Open this conversation again, as yours</source>
        <translation>Abrir esta conversa de novo, como sua</translation>
    </message>
    <message>
        <source>Return to the waiting queue</source>
        <translation>Devolver à fila de espera</translation>
    </message>
    <message>
        <source>Transfer to a queue or agent</source>
        <translation>Transferir para uma fila ou atendente</translation>
    </message>
    <message>
        <source>Close the conversation</source>
        <translation>Encerrar a conversa</translation>
    </message>
    <message>
        <source>New conversation with any number</source>
        <translation>Nova conversa com qualquer número</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Mais ações</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Marcar como não lida</translation>
    </message>
    <message>
        <source>Hand back to the bot</source>
        <translation>Devolver ao bot</translation>
    </message>
    <message>
        <source>Restart the connection&apos;s welcome flow</source>
        <translation>Reiniciar o fluxo de boas-vindas da conexão</translation>
    </message>
    <message>
        <source>{name} accepted this conversation first.</source>
        <translation>{name} aceitou esta conversa primeiro.</translation>
    </message>
    <message>
        <source>This conversation is no longer waiting.</source>
        <translation>Esta conversa não está mais aguardando.</translation>
    </message>
    <message>
        <source>You accepted this conversation.</source>
        <translation>Você aceitou esta conversa.</translation>
    </message>
    <message>
        <source>Returned to the waiting queue.</source>
        <translation>Devolvida à fila de espera.</translation>
    </message>
    <message>
        <source>Conversation closed.</source>
        <translation>Conversa encerrada.</translation>
    </message>
    <message>
        <source>Close conversation</source>
        <translation>Encerrar conversa</translation>
    </message>
    <message>
        <source>Close this conversation? The customer receives the farewell message:

{text}</source>
        <translation>Encerrar esta conversa? O cliente recebe a mensagem de despedida:

{text}</translation>
    </message>
    <message>
        <source>Close and send</source>
        <translation>Encerrar e enviar</translation>
    </message>
    <message>
        <source>Conversation reopened.</source>
        <translation>Conversa reaberta.</translation>
    </message>
    <message>
        <source>Marked as unread.</source>
        <translation>Marcada como não lida.</translation>
    </message>
    <message>
        <source>The bot has the conversation again.</source>
        <translation>O bot assumiu a conversa de novo.</translation>
    </message>
    <message>
        <source>The bot did not take the conversation (the welcome flow ended at once or was removed).</source>
        <translation>O bot não assumiu a conversa (o fluxo de boas-vindas terminou na hora ou foi removido).</translation>
    </message>
    <message>
        <source>Transferred to {target}.</source>
        <translation>Transferida para {target}.</translation>
    </message>
    <message>
        <source>with you</source>
        <translation>com você</translation>
    </message>
    <message>
        <source>with {name}</source>
        <translation>com {name}</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <source>with the bot</source>
        <translation>com o bot</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrada</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>No tags yet (create them in Settings)</source>
        <translation>Nenhuma etiqueta ainda (crie-as em Configurações)</translation>
    </message>
</context>
<context>
    <name>TicketList</name>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Unsupported message</source>
        <translation>Mensagem não suportada</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Esta mensagem foi apagada</translation>
    </message>
    <message>
        <source>#{n} · {wait}</source>
        <translation>#{n} · {wait}</translation>
    </message>
    <message>
        <source>Queue: {name}</source>
        <translation>Fila: {name}</translation>
    </message>
    <message>
        <source>Tags: {names}</source>
        <translation>Etiquetas: {names}</translation>
    </message>
</context>
<context>
    <name>TicketListModel</name>
    <message>
        <source>{n} unread</source>
        <translation>{n} não lidas</translation>
    </message>
</context>
<context>
    <name>TicketListPane</name>
    <message>
        <source>Open conversations you are answering</source>
        <translation>Conversas abertas que você está atendendo</translation>
    </message>
    <message>
        <source>Customers waiting for an agent in your queues</source>
        <translation>Clientes aguardando um atendente nas suas filas</translation>
    </message>
    <message>
        <source>Conversations a chatbot flow is answering</source>
        <translation>Conversas que um fluxo de chatbot está respondendo</translation>
    </message>
    <message>
        <source>Finished conversations</source>
        <translation>Conversas encerradas</translation>
    </message>
    <message>
        <source>Search messages and contacts</source>
        <translation>Pesquisar mensagens e contatos</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Limpar filtros</translation>
    </message>
    <message>
        <source>Show one queue</source>
        <translation>Mostrar uma fila</translation>
    </message>
    <message>
        <source>Show one WhatsApp connection</source>
        <translation>Mostrar uma conexão de WhatsApp</translation>
    </message>
    <message>
        <source>Show contacts with this tag</source>
        <translation>Mostrar contatos com esta etiqueta</translation>
    </message>
    <message>
        <source>Show another agent&apos;s conversations</source>
        <translation>Mostrar as conversas de outro agente</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Não lidas</translation>
    </message>
    <message>
        <source>Only conversations with unread messages</source>
        <translation>Só conversas com mensagens não lidas</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Todas as filas</translation>
    </message>
    <message>
        <source>No queue</source>
        <translation>Sem fila</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>Todas as conexões</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Todas as etiquetas</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meus</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrados</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Busca</translation>
    </message>
    <message>
        <source>No conversations match these filters</source>
        <translation>Nenhuma conversa com estes filtros</translation>
    </message>
    <message>
        <source>Clear the filters to see every conversation of this tab.</source>
        <translation>Limpe os filtros para ver todas as conversas desta aba.</translation>
    </message>
    <message>
        <source>No open conversations</source>
        <translation>Nenhuma conversa aberta</translation>
    </message>
    <message>
        <source>Conversations you accept or start are answered here. Take the next customer from Waiting.</source>
        <translation>As conversas que você aceita ou inicia são atendidas aqui. Pegue o próximo cliente em Aguardando.</translation>
    </message>
    <message>
        <source>Nobody is waiting</source>
        <translation>Ninguém aguardando</translation>
    </message>
    <message>
        <source>Customers who write in wait here for an agent, in the order they arrived, with their place in the queue.</source>
        <translation>Os clientes que escrevem aguardam aqui por um atendente, na ordem de chegada, com a posição na fila.</translation>
    </message>
    <message>
        <source>No conversations with the bot</source>
        <translation>Nenhuma conversa com o bot</translation>
    </message>
    <message>
        <source>Chats a chatbot flow is answering show here until the flow hands them to a queue.</source>
        <translation>As conversas que um fluxo de chatbot está respondendo aparecem aqui até o fluxo passá-las para uma fila.</translation>
    </message>
    <message>
        <source>No closed conversations</source>
        <translation>Nenhuma conversa encerrada</translation>
    </message>
    <message>
        <source>Conversations you close are kept here; reopen one to write again.</source>
        <translation>As conversas encerradas ficam guardadas aqui; reabra uma para escrever de novo.</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer conversation</source>
        <translation>Transferir conversa</translation>
    </message>
    <message>
        <source>Keep the current queue</source>
        <translation>Manter a fila atual</translation>
    </message>
    <message>
        <source>Nobody: wait in the queue</source>
        <translation>Ninguém: aguardar na fila</translation>
    </message>
    <message>
        <source>Optional: what the next agent should know</source>
        <translation>Opcional: o que o próximo atendente precisa saber</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproduzir</translation>
    </message>
    <message>
        <source>This video could not be played. Use Save as to open it in another program.</source>
        <translation>Não foi possível reproduzir este vídeo. Use Salvar como para abri-lo em outro programa.</translation>
    </message>
</context>
</TS>
